"""Run ipykernel with every Internet connection and host name lookup refused.

The fallback of ``offline_kernel`` where network namespaces are not permitted (a container
without CAP_SYS_ADMIN): a notebook reaches the network through Python's ``socket`` module
(urllib, requests, pandas and plotly all do), so refusing there makes it fail as it would
behind a classroom firewall. The kernel's own channels are unix sockets and are untouched.
Usage: ``python no_network_kernel.py -f CONNECTION_FILE``.
"""

import errno
import runpy
import socket
import sys

INTERNET = (socket.AF_INET, socket.AF_INET6)


def _refuse(*args, **kwargs):
    raise OSError(errno.ENETUNREACH, "the network is off in this test kernel")


def _guard(method):
    def guarded(sock, *args, **kwargs):
        if sock.family in INTERNET:
            _refuse()
        return method(sock, *args, **kwargs)

    return guarded


for _name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, _name, _guard(getattr(socket.socket, _name)))
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
    setattr(socket, _name, _refuse)

sys.argv = ["ipykernel_launcher", *sys.argv[1:]]
runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
