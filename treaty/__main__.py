from treaty.cli import main

raise SystemExit(main())
