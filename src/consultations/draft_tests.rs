use super::*;

const DECREE: &str = "\
QUYẾT ĐỊNH
Ban hành Quy định về quản lý chợ trên địa bàn tỉnh

Căn cứ Luật Tổ chức chính quyền địa phương;

# Chương I
## QUY ĐỊNH CHUNG

### Điều 1. Phạm vi điều chỉnh
Quy định này quy định về quản lý chợ.

**Điều 2. Đối tượng áp dụng**
1. Ban quản lý chợ.
2. Thương nhân kinh doanh tại chợ, gồm:
a) hộ kinh doanh cá thể;
b) doanh nghiệp
có điểm kinh doanh cố định;
đ) tổ hợp tác.
3.
Người dân đến mua bán.

Chương II - QUẢN LÝ CHỢ
Mục 1: Xây dựng chợ
Điều 3. Quy hoạch chợ
Điều kiện xây dựng chợ do Ủy ban nhân dân tỉnh quy định.
Điều 12a. Điều khoản chuyển tiếp
";

#[test]
fn a_decree_reads_into_chapters_articles_clauses_and_points() {
    let d = parse(DECREE).unwrap();
    assert!(d.preamble.starts_with("QUYẾT ĐỊNH\nBan hành"));
    assert!(d
        .preamble
        .ends_with("Căn cứ Luật Tổ chức chính quyền địa phương;"));
    let headings: Vec<_> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.level, h.number.as_str(), h.title.as_str())),
            Block::Article(_) => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            (Level::Chapter, "I", "QUY ĐỊNH CHUNG"),
            (Level::Chapter, "II", "QUẢN LÝ CHỢ"),
            (Level::Section, "1", "Xây dựng chợ"),
        ]
    );
    let numbers: Vec<_> = d.articles().map(|a| a.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "12a"]);
    let a1 = d.article("1").unwrap();
    assert_eq!(a1.title, "Phạm vi điều chỉnh");
    assert_eq!(a1.text, "Quy định này quy định về quản lý chợ.");
    let a2 = d.article("2").unwrap();
    assert_eq!(a2.title, "Đối tượng áp dụng");
    assert_eq!(a2.clauses.len(), 3);
    assert_eq!(a2.clauses[0].text, "Ban quản lý chợ.");
    let points = &a2.clauses[1].points;
    assert_eq!(
        points.iter().map(|p| p.letter.as_str()).collect::<Vec<_>>(),
        ["a", "b", "đ"]
    );
    assert_eq!(points[1].text, "doanh nghiệp\ncó điểm kinh doanh cố định;");
    assert_eq!(a2.clauses[2].number, "3");
    assert_eq!(a2.clauses[2].text, "Người dân đến mua bán.");
    // A sentence that starts with the word "Điều" is text, not an article.
    let a3 = d.article("3").unwrap();
    assert_eq!(
        a3.text,
        "Điều kiện xây dựng chợ do Ủy ban nhân dân tỉnh quy định."
    );
}

#[test]
fn english_words_ordinals_and_any_case() {
    let d = parse(
        "PART ONE-OFF\nPart I: General\nCHAPTER 2\nScope and terms\nArticle 1. Scope\n\
         This applies to markets.\nPHẦN THỨ HAI - TỔ CHỨC\nĐIỀU 2: Tổ chức\n",
    )
    .unwrap();
    assert_eq!(d.preamble, "PART ONE-OFF");
    let Block::Heading(part) = &d.blocks[0] else {
        panic!("{:?}", d.blocks[0])
    };
    assert_eq!((part.level, part.number.as_str()), (Level::Part, "I"));
    assert_eq!(part.title, "General");
    let Block::Heading(chapter) = &d.blocks[1] else {
        panic!()
    };
    assert_eq!(
        chapter.title, "Scope and terms",
        "the next line is its title"
    );
    assert_eq!(d.article("1").unwrap().text, "This applies to markets.");
    let Block::Heading(second) = &d.blocks[3] else {
        panic!("{:?}", d.blocks[3])
    };
    assert_eq!(
        (second.number.as_str(), second.title.as_str()),
        ("THỨ HAI", "TỔ CHỨC")
    );
    assert_eq!(d.article("2").unwrap().title, "Tổ chức");
}

#[test]
fn a_text_without_articles_or_with_a_number_twice_is_refused() {
    assert_eq!(
        parse("Một văn bản\nkhông có điều nào."),
        Err(DraftError::NoArticles)
    );
    assert_eq!(parse(""), Err(DraftError::NoArticles));
    assert_eq!(
        parse("Điều 1. A\nĐiều 2. B\nĐiều 1. C"),
        Err(DraftError::DuplicateArticle("1".into()))
    );
}

#[test]
fn markdown_decoration_and_rules_are_not_text() {
    let d = parse("---\n> **Điều 1. Giải thích từ ngữ**\n***\n_1. Chợ là nơi mua bán._\n").unwrap();
    let a = d.article("1").unwrap();
    assert_eq!(a.title, "Giải thích từ ngữ");
    assert_eq!(a.clauses[0].text, "Chợ là nơi mua bán.");
    assert!(d.preamble.is_empty());
}
