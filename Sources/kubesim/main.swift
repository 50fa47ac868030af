import KubeSimCLI

KubeSimCommand.main()
