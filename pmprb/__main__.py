from pmprb.cli.app import main

main()
