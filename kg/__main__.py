"""`python -m kg` runs the sekg command."""
import sys

from kg.cli import main

sys.exit(main())
