import KubeSimCLI

// Before anything is allocated: the process may execute itself again (see HugePages).
HugePages.enable()
KubeSimCommand.main()
