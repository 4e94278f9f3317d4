"""Running the course for a class (see README, "Running it for a class"): the Zero to JupyterHub
image, its package list (student.in, student.lock) and config, checked against the chart's values
schema (z2jh-chart/); the TLJH Python check (user_env); the students' links, plain and LTI 1.3
(link); the course kernel spec the package installs; a real local JupyterHub for the hub test and
benchmark, with the proxy's npm pin. Not part of the installed package."""
