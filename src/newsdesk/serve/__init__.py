"""serve: the HTTP API and the web desk over a store. `app` builds the app (`create_app`), `routes` holds
its endpoints, `search` the search filters they share and the parameters the config bounds, `desk` its
services (store pool, analysis slots, linker, listing cache), `guard` the layers around it, `config` its
limits and JSON answers."""
