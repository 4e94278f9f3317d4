"""Running the course for a class: a real local JupyterHub for the hub test and benchmark,
the course kernel spec the package installs, the proxy's npm pin, and the Zero to JupyterHub
image and config (see README, "Running it for a class"). Not part of the installed package."""
