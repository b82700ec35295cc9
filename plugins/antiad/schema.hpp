#pragma once
/// The anti-ad plugin's tables: the audit log, strikes, approvals, allowed domains, admin rules and
/// newcomers under strict rules; incidents (one per message acted on), what admins taught, and the
/// perceptual hashes of images admins marked as ads.

#include <vector>

#include "storage/database.hpp"

namespace plugins::antiad {

inline std::vector<storage::migration> migrations() {
    return {{1, R"sql(
CREATE TABLE antiad_log(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    rule TEXT NOT NULL,
    original TEXT NOT NULL,
    normalized TEXT NOT NULL,
    detail TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX antiad_log_by_group ON antiad_log(group_key, id);
CREATE TABLE antiad_strikes(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX antiad_strikes_by_user ON antiad_strikes(group_key, user, at);
CREATE TABLE antiad_approved(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, user));
CREATE TABLE antiad_allow(
    group_key TEXT NOT NULL,
    domain TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, domain));
CREATE TABLE antiad_rules(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    pattern TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE TABLE antiad_newcomers(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    messages INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(group_key, user));
)sql"},
            // Incidents: one message acted on, with the IDs of the member's message and of what the
            // bot sent about it, so an admin's reply to any of them finds it. Learned passes and samples.
            {2, R"sql(
ALTER TABLE antiad_log ADD COLUMN incident INTEGER NOT NULL DEFAULT 0;
CREATE TABLE antiad_incidents(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    rule TEXT NOT NULL,
    matched TEXT NOT NULL,
    original TEXT NOT NULL,
    normalized TEXT NOT NULL,
    strike INTEGER NOT NULL DEFAULT 0,
    muted INTEGER NOT NULL DEFAULT 0,
    kicked INTEGER NOT NULL DEFAULT 0,
    cleared INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL);
CREATE TABLE antiad_incident_messages(
    message TEXT NOT NULL,
    incident INTEGER NOT NULL,
    PRIMARY KEY(message, incident));
CREATE TABLE antiad_learned(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    normalized TEXT NOT NULL,
    original TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX antiad_learned_by_group ON antiad_learned(group_key, kind, id);
)sql"},
            // hash: the 64-bit dHash stored as its two's-complement bit pattern.
            {3, R"sql(
CREATE TABLE antiad_image_hashes(
    group_key TEXT NOT NULL,
    hash INTEGER NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, hash));
)sql"}};
}

}  // namespace plugins::antiad
