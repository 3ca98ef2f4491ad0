from treaty.main import main

raise SystemExit(main())
