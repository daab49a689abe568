from newsterm.cli import main

raise SystemExit(main())
