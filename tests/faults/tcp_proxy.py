"""A TCP proxy a test can cut: `python -m tests.faults.tcp_proxy --port P --to HOST:PORT`.

SIGUSR1 cuts every connection and refuses new ones (the server is gone); SIGUSR2 lets them through
again. Its own process, with plain threads, since the test process is monkeypatched by eventlet.
"""
import argparse
import signal
import socket
import sys
import threading

open_connections: set[socket.socket] = set()
guard = threading.Lock()
cut = threading.Event()


def pipe(source: socket.socket, target: socket.socket):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            close(sock)


def close(sock: socket.socket):
    with guard:
        open_connections.discard(sock)
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


def serve(listener: socket.socket, upstream: tuple[str, int]):
    while True:
        client, _ = listener.accept()
        if cut.is_set():
            client.close()
            continue
        try:
            server = socket.create_connection(upstream, timeout=5)
            server.settimeout(None)
        except OSError:
            client.close()
            continue
        with guard:
            open_connections.update((client, server))
        threading.Thread(target=pipe, args=(client, server), daemon=True).start()
        threading.Thread(target=pipe, args=(server, client), daemon=True).start()


def cut_all(*_):
    cut.set()
    with guard:
        victims = list(open_connections)
    for sock in victims:
        close(sock)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--to", required=True)
    args = parser.parse_args()
    host, port = args.to.rsplit(":", 1)
    listener = socket.create_server(("127.0.0.1", args.port))
    signal.signal(signal.SIGUSR1, cut_all)
    signal.signal(signal.SIGUSR2, lambda *_: cut.clear())
    print("ready", flush=True)
    threading.Thread(target=lambda: sys.stdin.read() or signal.raise_signal(signal.SIGTERM), daemon=True).start()
    serve(listener, (host, int(port)))


if __name__ == "__main__":
    main()
