from jogg_mcp.cli import main

raise SystemExit(main())
