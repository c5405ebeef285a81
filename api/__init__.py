"""HTTP layer: app factory, routers, dependencies, error mapping, web pages."""
