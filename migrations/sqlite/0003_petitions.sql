-- Petitions and feedback: categories, the petitions, their public timeline,
-- and supports (one inserted fact per account and petition; counts derived).

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    name_ko     TEXT NOT NULL,
    agency_id   BIGINT REFERENCES agencies(id)
);

INSERT INTO categories (id, code, name_vi, name_en, name_ko) VALUES
    (1, 'roads', 'Giao thông, đường sá', 'Roads and transport', '도로와 교통'),
    (2, 'environment', 'Môi trường, vệ sinh', 'Environment and sanitation', '환경과 위생'),
    (3, 'land', 'Đất đai, xây dựng', 'Land and construction', '토지와 건설'),
    (4, 'utilities', 'Điện, nước sinh hoạt', 'Electricity and water', '전기와 수도'),
    (5, 'health', 'Y tế', 'Health', '보건'),
    (6, 'education', 'Giáo dục', 'Education', '교육'),
    (7, 'order', 'An ninh, trật tự', 'Public order', '치안과 질서'),
    (8, 'procedures', 'Thủ tục hành chính', 'Administrative procedures', '행정 절차'),
    (9, 'other', 'Khác', 'Other', '기타');

CREATE TABLE petitions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('petition', 'feedback')),
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    search_text    TEXT NOT NULL,
    category_id    BIGINT NOT NULL REFERENCES categories(id),
    locality_id    BIGINT NOT NULL REFERENCES localities(id),
    author_id      BIGINT NOT NULL REFERENCES users(id),
    visibility     TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    show_name      BIGINT NOT NULL,
    status         TEXT NOT NULL,
    agency_id      BIGINT REFERENCES agencies(id),
    answer         TEXT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX petitions_list ON petitions(visibility, created_at);
CREATE INDEX petitions_agency ON petitions(agency_id, status);
CREATE INDEX petitions_author ON petitions(author_id);

CREATE TABLE petition_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    petition_id  BIGINT NOT NULL REFERENCES petitions(id),
    at           BIGINT NOT NULL,
    status       TEXT NOT NULL,
    agency_id    BIGINT REFERENCES agencies(id),
    actor_id     BIGINT REFERENCES users(id),
    note         TEXT NOT NULL
);
CREATE INDEX petition_events_petition ON petition_events(petition_id, id);

CREATE TABLE petition_supports (
    petition_id  BIGINT NOT NULL REFERENCES petitions(id),
    user_id      BIGINT NOT NULL REFERENCES users(id),
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (petition_id, user_id)
);
