from schedgen.cli import main

main()
