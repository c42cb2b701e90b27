"""The delivery engine that reporting's notifications and the webhooks service share.

A delivery is a row that is claimed with a lease, sent outside any transaction, and whose outcome
is recorded in a unit of work of its own; a failure is tried again with a backoff until the
service's retry policy gives up. `rules` holds the pure part (outcomes, backoff, the next state),
`claims` the lease, `rounds` the loop; each service supplies what is its own: how a row becomes a
message, how it is sent, and what else an outcome changes.
"""
