-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d),
-- as POSTGRES_USER: one database per Vern service, owned by that user.
CREATE DATABASE vern_incidents;
CREATE DATABASE vern_risk;
CREATE DATABASE vern_privacy_register;
CREATE DATABASE vern_training;
CREATE DATABASE vern_reporting;
CREATE DATABASE vern_webhooks;
