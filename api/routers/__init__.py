"""One router module per resource group of API.md."""
