package store

// formatVersion is the schema's version, kept in PRAGMA user_version. It
// changes whenever a table, a column or the meaning of a value changes; a
// store of another version is discarded and rebuilt, never migrated: it is
// a cache of what the records say, so rebuilding costs only time.
const formatVersion = 4

// applicationID marks an SQLite file as igf's store ("IGF1"), so a file of
// another program at the same path is never taken for one.
const applicationID = 0x49474631

// schema creates every table. Rows are keyed by blob: blobs.id is a small
// integer standing for a git blob ID (the SHA-1 of "blob LEN\0" + bytes),
// and everything parsed from those bytes hangs off it. Paths live only in
// files, so a renamed or copied file reuses its rows.
//
// Days are whole days since 1970-01-01 (UTC), negative before; a date that
// is TBD or not given is NULL. Keys (owner tokens, body_key, rid_key, tags)
// are trimmed and lower-cased as record.Set.Resolve looks names up; a name
// written outside ASCII has the key "\x00", which every query for a name
// takes as a candidate (see key in codec.go).
const schema = `
CREATE TABLE meta(
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE blobs(
	id     INTEGER PRIMARY KEY,
	oid    BLOB NOT NULL UNIQUE,
	record INTEGER NOT NULL,          -- 1: the bytes parse as a record
	text   INTEGER NOT NULL DEFAULT 0 -- 1: its text units are in the full-text index
);
CREATE INDEX blobs_unindexed ON blobs(id) WHERE text = 0 AND record = 1;

CREATE TABLE records(
	blob       INTEGER PRIMARY KEY,
	type       TEXT NOT NULL,
	rid        TEXT NOT NULL,
	rid_key    TEXT NOT NULL,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL,
	body_key   TEXT NOT NULL,
	span_start INTEGER,             -- the record's date, or a timeline's start
	span_end   INTEGER,             -- the date's last day, or a timeline's end
	registry   INTEGER NOT NULL,    -- 1: holds registry entries
	title_line INTEGER NOT NULL,    -- the line of the title field
	body_line  INTEGER NOT NULL,    -- the file line of the body's first line
	tags       TEXT NOT NULL,       -- JSON: the tags as written
	data       TEXT NOT NULL,       -- JSON: every other field (see codec.go)
	text       TEXT NOT NULL        -- the Markdown body
);
CREATE INDEX records_type ON records(type, span_start);
CREATE INDEX records_body ON records(body_key);
CREATE INDEX records_rid ON records(rid_key);
CREATE INDEX records_registry ON records(registry) WHERE registry = 1;

CREATE TABLE tags(
	tag  TEXT NOT NULL,             -- lower-cased
	blob INTEGER NOT NULL,
	PRIMARY KEY(tag, blob)
) WITHOUT ROWID;

CREATE TABLE items(
	blob      INTEGER NOT NULL,
	ord       INTEGER NOT NULL,     -- the item's place in its record
	iid       TEXT NOT NULL,
	kind      TEXT NOT NULL,
	status    TEXT NOT NULL,
	due_start INTEGER,
	due_end   INTEGER,
	line      INTEGER NOT NULL,
	data      TEXT NOT NULL,        -- JSON: the whole item (see codec.go)
	PRIMARY KEY(blob, ord)
) WITHOUT ROWID;
CREATE INDEX items_due ON items(kind, status, due_start);
CREATE INDEX items_iid ON items(iid COLLATE NOCASE);

CREATE TABLE owners(
	token  TEXT NOT NULL,
	status TEXT NOT NULL,
	blob   INTEGER NOT NULL,
	ord    INTEGER NOT NULL,
	PRIMARY KEY(token, status, blob, ord)
) WITHOUT ROWID;

CREATE TABLE findings(
	blob INTEGER NOT NULL,
	ord  INTEGER NOT NULL,
	data TEXT NOT NULL,             -- JSON of the record.Finding, path left out
	PRIMARY KEY(blob, ord)
) WITHOUT ROWID;

-- Text units: the record's title, each front-matter item, and each
-- paragraph, heading or list item of the body, with the line it starts on.
-- A body unit's text is a slice of records.text, so no text is kept twice;
-- off and len count bytes, so the slice is taken of the text as a blob.
CREATE TABLE units(
	id    INTEGER PRIMARY KEY,
	blob  INTEGER NOT NULL,
	line  INTEGER NOT NULL,
	item  INTEGER,                  -- items.ord of the item on that line
	title TEXT NOT NULL,            -- a title unit's text
	off   INTEGER NOT NULL,         -- a body unit's byte range in records.text
	len   INTEGER NOT NULL
);
CREATE INDEX units_blob ON units(blob);
CREATE VIEW unit_text(id, blob, title, body) AS
	SELECT u.id, u.blob, u.title,
		CASE WHEN u.len > 0 THEN CAST(substr(CAST(r.text AS BLOB), u.off + 1, u.len) AS TEXT) ELSE '' END
	FROM units u JOIN records r ON r.blob = u.blob;
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='unit_text', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2');
INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(4.0, 1.0)');

-- A snapshot is one listing of record files: the working tree, a commit,
-- (later) the index. digest sums its (path, blob ID) pairs.
CREATE TABLE snapshots(
	id     INTEGER PRIMARY KEY,
	name   TEXT NOT NULL UNIQUE,      -- "worktree", or "commit:" and the commit's hash
	digest BLOB NOT NULL,
	notes  TEXT NOT NULL DEFAULT '[]' -- JSON: findings of files that could not be read
);
CREATE TABLE files(
	snapshot INTEGER NOT NULL,
	path     TEXT NOT NULL,
	blob     INTEGER NOT NULL,
	PRIMARY KEY(snapshot, path)
) WITHOUT ROWID;
CREATE INDEX files_blob ON files(blob);

-- Summaries of staged blobs (validate --staged): what the cross-record
-- rules need of a file a change leaves alone (validate.EncodeSummary), with
-- the IDs it defines or references indexed, so checking a change looks up
-- the IDs it touches. meta 'summarised' names the records tree whose every
-- blob has its summary here.
CREATE TABLE summaries(
	oid      BLOB PRIMARY KEY,      -- the git blob ID
	parsed   INTEGER NOT NULL,      -- 1: the bytes parse as a record
	registry INTEGER NOT NULL,      -- 1: it holds registry entries
	data     BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX summaries_unread ON summaries(parsed) WHERE parsed = 0;
CREATE INDEX summaries_registry ON summaries(registry) WHERE registry = 1;
CREATE TABLE summary_ids(
	id      TEXT NOT NULL,          -- lower-cased
	defines INTEGER NOT NULL,       -- 1: the blob defines it; 0: refers to it
	oid     BLOB NOT NULL,
	PRIMARY KEY(id, defines, oid)
) WITHOUT ROWID;
CREATE INDEX summary_ids_oid ON summary_ids(oid);

-- History (pkg/history): HEAD's first-parent line as last walked, one row
-- per commit, each with what it changed (pkg/history's encoding; NULL when
-- it changed no record), and the state at the line's head to walk on from:
-- the records tree, and each record file's blob and IDs. A new commit adds
-- its row and rewrites the rows of the files it changed; a rewritten line is
-- written anew. Values over a mebibyte (a first commit of 50,000 records)
-- are cut into parts, so no value outgrows the connection's memory.
CREATE TABLE history_line(
	seq  INTEGER NOT NULL,         -- place on the line, 0 = its first commit
	part INTEGER NOT NULL,         -- 0, 1, ... of its data
	oid  BLOB NOT NULL,            -- the commit
	data BLOB,
	PRIMARY KEY(seq, part)
) WITHOUT ROWID;
CREATE TABLE history_state(
	scope TEXT PRIMARY KEY,        -- what the line describes: the records' place, a shallow clone's ends
	tree  BLOB NOT NULL            -- the records tree at the head
) WITHOUT ROWID;
CREATE TABLE history_files(
	path TEXT NOT NULL,            -- "records/..."
	part INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY(path, part)
) WITHOUT ROWID;
`
