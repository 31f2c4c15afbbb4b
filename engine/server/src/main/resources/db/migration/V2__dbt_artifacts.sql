-- dbt artifacts delivered by DbtRun jobs (POST /internal/v1/projects/{project}/dbt-artifacts),
-- kept so every engine replica, and the engine after a restart, serves the latest successful run.
create table dbt_artifacts (
  id           bigserial primary key,
  project      text not null,
  dbt_run      text not null,
  revision     text not null,
  manifest_gz  bytea not null,
  received_at  timestamptz not null default now()
);
create index dbt_artifacts_latest on dbt_artifacts (project, dbt_run, id desc);
