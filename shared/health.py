"""What a service's `health` RPC answers."""


def healthy(service_name: str) -> dict:
    return {"service": service_name, "status": "up"}
