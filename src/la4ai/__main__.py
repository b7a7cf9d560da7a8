from la4ai.cli.main import main

main()
