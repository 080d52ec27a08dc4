"""Resolution: each row of a list to its preprint and its published record, through the sources.

`resolver.ServiceResolver` runs it; `config.HttpConfig` says how to talk to the services;
`sources` is the registry of services (`arxiv`, `crossref`, `dblp`, each a `source.Source`);
`match` decides which candidate is a row's paper; `lock` keeps the decisions between runs.
The HTTP stack is `session` (the run's one cached session) over `transport` (retries,
deadlines) and `throttle` (each source's pace). Importing this package imports none of them.
"""
