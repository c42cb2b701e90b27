"""Evidence attachments: files kept with a record (an incident, a risk, a measure, a DPIA, an exercise,
a governing document), by the service that owns the record.

One package for every owning service, which only wires it: `sniffing` (what a file is, by its bytes),
`names` (a file name safe to keep and to send back), `store` (where the bytes live: local files or an
S3-compatible store), `transport` (bytes over nameko's JSON RPC, as base64 within a size limit),
`model` and `migration` (the metadata table each service keeps in its own database), `schemas` and
`records` (the use cases: upload, list, download, removal as a recorded action).
"""
