-- The engine's own tables. Query history is written from this version on; audit, feedback and
-- training data are filled by the governance features that follow, but their schema lives here.

create table query_history (
  id            bigserial primary key,
  correlation_id text not null,
  project       text not null,
  principal     text not null,
  question      text,
  sql           text,
  status        text not null check (status in ('answered', 'needs_clarification', 'refused', 'failed')),
  generator     text,
  row_count     integer,
  total_ms      integer not null,
  stage_ms      jsonb not null default '{}'::jsonb,
  error         text,
  created_at    timestamptz not null default now()
);
create index query_history_project_created on query_history (project, created_at desc);
create index query_history_principal_created on query_history (principal, created_at desc);

create table audit_log (
  id             bigserial primary key,
  correlation_id text not null,
  principal      text not null,
  action         text not null,
  resource       text,
  decision       text not null check (decision in ('allowed', 'denied', 'dry_run')),
  detail         jsonb not null default '{}'::jsonb,
  created_at     timestamptz not null default now()
);
create index audit_log_created on audit_log (created_at desc);

create table feedback (
  id             bigserial primary key,
  query_id       bigint not null references query_history (id),
  principal      text not null,
  verdict        text not null check (verdict in ('correct', 'wrong')),
  comment        text,
  corrected_sql  text,
  review_status  text not null default 'pending' check (review_status in ('pending', 'approved', 'rejected')),
  reviewed_by    text,
  reviewed_at    timestamptz,
  created_at     timestamptz not null default now()
);

create table training_pairs (
  id             bigserial primary key,
  project        text not null,
  question       text not null,
  sql            text not null,
  source         text not null check (source in ('manifest', 'feedback')),
  source_ref     text,
  embedding      real[],
  created_at     timestamptz not null default now(),
  unique (project, question)
);
