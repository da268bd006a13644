"""One module per domain; each has register(server, runtime)."""
