"""The hub's tests run against a real PostgreSQL: one throwaway cluster per test session
(evidence_desk_testing/postgres.py), a template database holding the hub's schema, and a fresh
database copied from it for every test (CREATE DATABASE ... TEMPLATE: a file copy, fast).

Without PostgreSQL's binaries the hub's tests fail with the line that says how to install them:
they are never skipped silently (tasks.py test stops before pytest with the same line)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql

from evidence_desk.hub import schema
from evidence_desk_testing.postgres import PostgresCluster, missing_line

APP_ROLE = "evidence_desk_hub"
_TEMPLATE = "hub_template"
_numbers = itertools.count(1)


@dataclass(frozen=True)
class HubDatabase:
    """One test's database: ``owner_url`` as the superuser that owns the tables, ``app_url``
    as the hub's application role (INSERT and SELECT on the evidence tables)."""

    cluster: PostgresCluster
    name: str
    owner_url: str
    app_url: str


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    hint = missing_line()
    if hint is not None:
        pytest.fail(hint, pytrace=False)
    with PostgresCluster() as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_TEMPLATE)))
        with psycopg.connect(cluster.url(_TEMPLATE)) as conn:
            schema.install(conn)
            schema.grant_app_role(conn, APP_ROLE, _TEMPLATE)
        yield cluster


@contextlib.contextmanager
def fresh_hub_db(postgres: PostgresCluster, prefix: str = "hub_test") -> Iterator[HubDatabase]:
    """A fresh database copied from the template, dropped afterwards (``hub_db`` for one test;
    a module's fixture that builds one organisation for several tests uses it directly)."""
    name = f"{prefix}_{next(_numbers)}"
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(_TEMPLATE)
            )
        )
    yield HubDatabase(postgres, name, postgres.url(name), postgres.url(name, APP_ROLE))
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def hub_db(postgres: PostgresCluster) -> Iterator[HubDatabase]:
    with fresh_hub_db(postgres) as database:
        yield database
