-- The budget database: one file, many documents side by side (every row keeps doc_id).
-- Amounts are DECIMAL(18,2) in the unit the table declares (column `unit`, usually 万元).
-- A NULL amount is a blank cell ("no amount"), never zero. Provenance: table_id + line_no
-- (1-based line in the source text file) on every row.

CREATE TABLE documents (
    doc_id      VARCHAR PRIMARY KEY,  -- slug of the file name stem, unique in the database
    department  VARCHAR NOT NULL,     -- from the document title line, e.g. 江汉区经济信息化和科技创新局
    year        INTEGER NOT NULL,     -- budget year, e.g. 2026
    unit        VARCHAR NOT NULL,     -- the money unit most tables declare (万元)
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    line_count  INTEGER NOT NULL,
    phone       VARCHAR,              -- 公开咨询电话 when the document prints one
    ingested_at TIMESTAMP NOT NULL,
    layout      VARCHAR,              -- knowledge/layouts/<name>.toml the document was read with
    source_kind VARCHAR               -- text | pdf
);

-- Every line of the source, for 「查看原文」 and citations.
CREATE TABLE source_lines (
    doc_id  VARCHAR NOT NULL,
    line_no INTEGER NOT NULL,
    text    VARCHAR NOT NULL,
    page    INTEGER            -- PDF page of the line (NULL for a text source)
);

-- The document's own list of tables (第二部分 表 1 … 表 15), present or absent.
CREATE TABLE report_tables (
    doc_id     VARCHAR NOT NULL,
    table_id   VARCHAR NOT NULL,   -- 预算01表 … 预算15表; forms 预算15表-1 … also listed here
    seq        INTEGER NOT NULL,   -- 1 … 15 (forms: 15)
    title      VARCHAR NOT NULL,   -- as printed, e.g. 2026年一般公共预算支出表（分功能科目）
    present    BOOLEAN NOT NULL,   -- FALSE: listed by the document but not printed
    has_rows   BOOLEAN NOT NULL,   -- FALSE: printed but empty (e.g. 预算08/09/10表)
    labelled   BOOLEAN NOT NULL,   -- TRUE when the text carries the 预算NN表 label itself
    unit       VARCHAR,            -- from the table's 单位 line
    note       VARCHAR,            -- 注：本单位无… or a note the table prints
    line_start INTEGER,
    line_end   INTEGER
);

-- Numeric tables 预算01–11/13表 in long form: one row per cell, blanks kept as NULL (预算08表 prints
-- no code or name column: its row is the table 合计, one measure per column).
CREATE TABLE line_items (
    doc_id      VARCHAR NOT NULL,
    table_id    VARCHAR NOT NULL,
    row_seq     INTEGER NOT NULL,  -- row order within the table
    side        VARCHAR,           -- 收入 | 支出 for 预算01/04表, NULL elsewhere
    code        VARCHAR,           -- 206 / 2060404 / 30101 / 501001 / project code; NULL for uncoded rows
    code_kind   VARCHAR NOT NULL,  -- function | economic | unit | project | item | total
    name        VARCHAR NOT NULL,  -- cleaned label: numbering, HTML and inner spaces removed (科学技术支出)
    raw_name    VARCHAR NOT NULL,  -- label as printed (五、科学技术支出)
    level       VARCHAR NOT NULL,  -- 类 | 款 | 项 | 合计 | 总计 | 项目 | 单位 | 分组 | 行
    parent_code VARCHAR,           -- code of the parent row (2060404 -> 20604), NULL at top
    measure     VARCHAR NOT NULL,  -- column: 合计 | 基本支出 | 人员经费 | 公用经费 | 项目支出 | 预算数 | 一般公共预算 …
    amount      DECIMAL(18, 2),    -- NULL = blank cell
    unit        VARCHAR NOT NULL,
    extra       VARCHAR,           -- 预算11表: 项目单位
    line_no     INTEGER NOT NULL,
    detail      VARCHAR            -- other text cells of the row, '列名：值' joined by '；' (预算13表 政府购买服务目录)
);

-- 预算12表 政府采购预算表, one row per printed row (totals flagged).
CREATE TABLE procurement (
    doc_id       VARCHAR NOT NULL,
    row_seq      INTEGER NOT NULL,
    level        VARCHAR NOT NULL,  -- 合计 | 单位 | 品目
    unit_code    VARCHAR,
    unit_name    VARCHAR,
    project      VARCHAR,
    item_code    VARCHAR,           -- A02020100
    item_name    VARCHAR,           -- 复印机
    func_code    VARCHAR,
    func_name    VARCHAR,
    econ_code    VARCHAR,
    econ_name    VARCHAR,
    fund_source  VARCHAR,
    fund_nature  VARCHAR,
    quantity     DECIMAL(18, 2),
    unit_price   DECIMAL(18, 2),
    measure_unit VARCHAR,           -- 计量单位 as printed (套, or a number when the PDF misprints)
    amount       DECIMAL(18, 2),
    sme_amount   DECIMAL(18, 2),    -- 其中面向中小企业
    micro_amount DECIMAL(18, 2),    -- 其中面向小微企业
    unit         VARCHAR NOT NULL,
    line_no      INTEGER NOT NULL
);

-- 预算14表 部门总体资金情况: one row per (收入/支出 构成 item, year column).
CREATE TABLE perf_funds (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    section  VARCHAR NOT NULL,  -- 收入构成 | 支出构成
    item     VARCHAR NOT NULL,  -- 财政拨款 | 单位资金 | 合计 | 人员类项目支出 …
    year     INTEGER NOT NULL,  -- 当年 column -> document year
    amount   DECIMAL(18, 2),
    share    DECIMAL(9, 2),     -- 占比 in percent (100% -> 100.00), 当年 only
    line_no  INTEGER NOT NULL
);

-- 预算14表 header facts: 部门名称, 填报人, 联系电话, 填报日期, 部门职能概述 …
CREATE TABLE perf_header (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    field    VARCHAR NOT NULL,
    value    VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL
);

CREATE TABLE perf_tasks (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    seq      INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL
);

-- 预算14表 项目支出情况
CREATE TABLE perf_projects (
    doc_id       VARCHAR NOT NULL,
    table_id     VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    category     VARCHAR,
    total_budget DECIMAL(18, 2),
    year_budget  DECIMAL(18, 2),
    direction    VARCHAR,
    line_no      INTEGER NOT NULL
);

-- Goals of 预算14表 and of each 预算15表 form.
CREATE TABLE perf_goals (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,  -- 预算14表 | 预算15表-N
    horizon  VARCHAR NOT NULL,  -- 长期 | 年度
    goal_no  INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL
);

-- Indicator rows (一级/二级/三级指标) of 预算14表 and 预算15表 forms.
CREATE TABLE indicators (
    doc_id       VARCHAR NOT NULL,
    indicator_id INTEGER NOT NULL,  -- unique per doc
    table_id     VARCHAR NOT NULL,
    horizon      VARCHAR NOT NULL,  -- 长期 | 年度
    goal_no      INTEGER NOT NULL,
    level1       VARCHAR,           -- 产出指标
    level2       VARCHAR,           -- 数量指标
    name         VARCHAR NOT NULL,  -- 三级指标, cells re-joined (科技项目评审及咨询工作次数)
    weight       DECIMAL(9, 2),     -- 指标分值权重
    basis        VARCHAR,           -- 指标值确定依据
    line_no      INTEGER NOT NULL
);

-- Indicator values: 长期 tables have one (year_label 当年), 年度 tables 前年/上年/当年.
CREATE TABLE indicator_values (
    doc_id       VARCHAR NOT NULL,
    indicator_id INTEGER NOT NULL,
    year_label   VARCHAR NOT NULL,  -- 前年 | 上年 | 当年
    year         INTEGER NOT NULL,  -- resolved against the document year
    raw          VARCHAR NOT NULL,  -- as printed: ≥95%
    op           VARCHAR,           -- ≥ ≤ = > < (normalised from ≧ $\geq$ …)
    num          DECIMAL(18, 4),    -- 95
    num_unit     VARCHAR,           -- % | 次 | 家 | 亿元 | 分钟 …
    line_no      INTEGER NOT NULL
);

-- 预算15表 forms: one row per form, key header facts as columns …
CREATE TABLE project_forms (
    doc_id         VARCHAR NOT NULL,
    table_id       VARCHAR NOT NULL,  -- 预算15表-1 …
    project_name   VARCHAR NOT NULL,
    project_code   VARCHAR,
    dept           VARCHAR,
    exec_unit      VARCHAR,
    leader         VARCHAR,
    phone          VARCHAR,
    category       VARCHAR,           -- the ticked 项目类别 box
    frequency      VARCHAR,           -- the ticked 项目安排频度 box
    total_budget   DECIMAL(18, 2),
    current_budget DECIMAL(18, 2),
    title_year     INTEGER,           -- year printed in the form title (may be a typo)
    line_start     INTEGER NOT NULL,
    line_end       INTEGER NOT NULL
);

-- … and every header field as text, for text questions (立项依据, 实施方案 …).
CREATE TABLE form_fields (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    field    VARCHAR NOT NULL,  -- 项目名称 项目代码 项目主管部门 项目执行单位 项目负责人 联系电话 项目年度 项目类别 项目安排频度 立项依据 项目实施方案 上年绩效评价结果 前两年预算变动 项目总预算 项目当年预算
    value    VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL
);

-- 项目前两年预算及当年预算变动情况, parsed: one row per year the text gives a figure for.
CREATE TABLE form_budget_history (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    year     INTEGER NOT NULL,
    amount   DECIMAL(18, 2) NOT NULL,
    text     VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL
);

CREATE TABLE form_funding (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    source   VARCHAR NOT NULL,  -- 当年预算合计 | 1. 财政拨款收入（区级安排数） …
    amount   DECIMAL(18, 2),
    line_no  INTEGER NOT NULL
);

-- 项目支出明细及依据
CREATE TABLE form_details (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR NOT NULL,
    seq             INTEGER NOT NULL,
    content         VARCHAR NOT NULL,  -- 项目内容, cells re-joined
    basis           VARCHAR,           -- 测算依据及说明, continuation lines joined
    amount          DECIMAL(18, 2),    -- 本级财政拨款金额
    transfer_amount DECIMAL(18, 2),
    other_amount    DECIMAL(18, 2),
    line_no         INTEGER NOT NULL,
    line_end        INTEGER NOT NULL
);

-- 项目资产配置计划及采购计划
CREATE TABLE form_assets (
    doc_id   VARCHAR NOT NULL,
    table_id VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    quantity DECIMAL(18, 2),
    amount   VARCHAR,
    line_no  INTEGER NOT NULL
);

-- Narrative parts (第一/三/四/五部分): every paragraph with its section path.
CREATE TABLE paragraphs (
    doc_id     VARCHAR NOT NULL,
    part       VARCHAR NOT NULL,  -- 第一部分 | 第三部分 | 第四部分 | 第五部分
    section    VARCHAR NOT NULL,  -- section path joined with ' / '
    text       VARCHAR NOT NULL,
    line_start INTEGER NOT NULL,
    line_end   INTEGER NOT NULL
);

-- Figures stated in the narrative, one per figure.
CREATE TABLE narrative_facts (
    doc_id   VARCHAR NOT NULL,
    part     VARCHAR NOT NULL,
    section  VARCHAR NOT NULL,
    subject  VARCHAR NOT NULL,  -- what the figure is about: 收支总预算 | 机关运行经费 | 货物类 | 房屋面积 | 一般执法执勤用车 | 公务接待费 …
    measure  VARCHAR NOT NULL,  -- amount | change | rate | share | count | area
    year     INTEGER,           -- the year the figure belongs to (2025 for 较2025年预算56.80)
    value    DECIMAL(18, 4) NOT NULL,  -- signed for change/rate: 减少 -> negative
    unit     VARCHAR NOT NULL,  -- 万元 | % | 辆 | 平方米 | 家 …
    sentence VARCHAR NOT NULL,  -- the clause it came from
    line_no  INTEGER NOT NULL
);

-- 第五部分 名词解释 and the function-code descriptions.
CREATE TABLE glossary (
    doc_id     VARCHAR NOT NULL,
    term       VARCHAR NOT NULL,   -- 财政拨款收入 | 行政运行 (for code descriptions: the 项 name)
    definition VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,   -- term | function_code
    path       VARCHAR,            -- 科学技术支出(类)科学技术管理事务(款)行政运行(项)
    line_no    INTEGER NOT NULL
);

-- One entity catalogue: the same thing under different names/codes in different tables.
CREATE TABLE entities (
    doc_id         VARCHAR NOT NULL,
    entity_id      VARCHAR NOT NULL,  -- kind:key, e.g. project:科技研究开发资金, function:2060404
    kind           VARCHAR NOT NULL,  -- function | economic | unit | project | procurement | detail | indicator | term | summary | narrative
    canonical_name VARCHAR NOT NULL,
    code           VARCHAR
);

CREATE TABLE entity_aliases (
    doc_id     VARCHAR NOT NULL,
    entity_id  VARCHAR NOT NULL,
    alias      VARCHAR NOT NULL,
    alias_kind VARCHAR NOT NULL,  -- name | code
    table_id   VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL
);

-- The document's own arithmetic, checked at ingest.
CREATE TABLE audit_findings (
    doc_id      VARCHAR NOT NULL,
    check_id    VARCHAR NOT NULL,  -- e.g. parent_sum, basic_split, cross_total, project_sum, procurement_sum, form_vs_table, narrative_vs_table, name_mismatch, code_mismatch
    status      VARCHAR NOT NULL,  -- pass | fail | warn
    message     VARCHAR NOT NULL,  -- one Chinese sentence
    left_label  VARCHAR,
    left_value  DECIMAL(18, 2),
    left_table  VARCHAR,
    left_line   INTEGER,
    right_label VARCHAR,
    right_value DECIMAL(18, 2),
    right_table VARCHAR,
    right_line  INTEGER
);
