import KubeSimCLI
KubeSimCommand.main()
