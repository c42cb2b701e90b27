from services.gateway.rate_limit import RateLimiter


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_client_gets_its_limit_per_window_and_is_told_how_long_to_wait():
    clock = Clock()
    limiter = RateLimiter(3, 60, clock)
    assert [limiter.allow("10.0.0.1") for _ in range(3)] == [None, None, None]
    clock.now = 20
    assert limiter.allow("10.0.0.1") == 40
    assert limiter.allow("10.0.0.2") is None, "another address has its own window"
    clock.now = 60
    assert limiter.allow("10.0.0.1") is None, "a new window"
