from evidence_desk.cli import main

raise SystemExit(main())
