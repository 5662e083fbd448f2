"""`python -m newsdesk.cli ...` runs the command line, as the `newsdesk` script does."""
from newsdesk.cli.main import main

raise SystemExit(main())
