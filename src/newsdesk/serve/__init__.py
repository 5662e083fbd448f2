"""serve: the HTTP API and the web desk over a store (`app`)."""
