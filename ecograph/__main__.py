"""`python -m ecograph …` runs the command line, as the installed `ecograph` script does."""

from ecograph.cli import main

main()
