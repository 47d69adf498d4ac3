//! Unit tests of the petition model.
use super::*;
use TrackingCodeError::*;

/// 300 well-spread inputs (splitmix64 of 1..=300).
fn randoms() -> impl Iterator<Item = u64> {
    (1..=300u64).map(|i| {
        let z = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z ^ (z >> 31)
    })
}

fn code(s: &str) -> Result<String, TrackingCodeError> {
    TrackingCode::parse(s).map(String::from)
}

#[test]
fn codes_are_generated_and_parsed_leniently() {
    let make = |prefix, year| TrackingCode::generate(prefix, year, 0).to_string();
    assert_eq!(make("QT", 2026), "QT-26-22222-J");
    assert_eq!(make("hn", 9), "HN-09-22222-D");
    assert_eq!(make("Q1", 26), "QT-26-22222-J"); // invalid prefix: default
    assert_eq!(code(" qt 26 7k3m9 5 "), Ok("QT-26-7K3M9-5".into()));
    assert_eq!(code("QT–26–7K3M9–5"), Ok("QT-26-7K3M9-5".into())); // en dashes
    for r in randoms() {
        let c = TrackingCode::generate("QT", 2026, r);
        assert_eq!(TrackingCode::parse(&c.to_string()), Ok(c.clone()));
        let typed = c.as_str().to_lowercase().replace('-', "");
        let typed = typed.replace('2', "z").replace('v', "u");
        assert_eq!(code(&typed), Ok(c.into()), "{typed}");
    }
    for (year, typed) in [(2030, "-3o-"), (2011, "-iL-")] {
        let c = TrackingCode::generate("QT", year, 0);
        let typed = c.as_str().replace(&c.as_str()[2..6], typed);
        assert_eq!(code(&typed), Ok(c.into()));
    }
}

#[test]
fn every_substitution_and_transposition_is_caught() {
    assert_eq!(code("QT-26-7K3M9-X"), Err(BadCheck));
    for r in randoms() {
        let c = TrackingCode::generate("QT", 2031, r);
        let compact: Vec<u8> = c.as_str().bytes().filter(|&b| b != b'-').collect();
        let parse = |v: &[u8]| code(std::str::from_utf8(v).unwrap());
        for i in 2..10 {
            let choices: &[u8] = if i < 4 { b"0123456789" } else { ALPHABET };
            for &x in choices.iter().filter(|&&x| x != compact[i]) {
                let mut typo = compact.clone();
                typo[i] = x;
                assert_eq!(parse(&typo), Err(BadCheck), "{c}: {i} to {}", x as char);
            }
            for j in (i + 1)..10 {
                let mut typo = compact.clone();
                typo.swap(i, j);
                assert!(typo == compact || parse(&typo).is_err(), "{c}: {i}<->{j}");
            }
        }
    }
}

#[test]
fn malformed_codes_are_told_apart_from_typos() {
    let bad = ",QT-26-7K3M9,QT-26-7K3M9-55,QT-26-7K0M9-5,QT-26-7KOM9-5,QT-26-7K1M9-5,\
               QT-26-7KIM9-5,Q1-26-7K3M9-5,QT-2A-7K3M9-5,QT-26-7K3M9-Ẍ,QT-26-7K3M9-*";
    for s in bad.split(',').chain([&*"Q".repeat(100)]) {
        assert_eq!(code(s), Err(Malformed), "{s}");
    }
    let e = AppError::from(BadCheck);
    assert_eq!(e, AppError::invalid("code", "petitions.code_invalid"));
}

#[test]
fn codes_serialise_as_their_canonical_string() {
    let c = TrackingCode::parse("qt267k3m95").unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), r#""QT-26-7K3M9-5""#);
    assert_eq!(serde_json::from_str(r#""QT-26-7K3M9-5""#).ok(), Some(c));
    assert!(serde_json::from_str::<TrackingCode>(r#""QT-26-7K3M9-X""#).is_err());
}

#[test]
fn the_workflow_allows_exactly_these_transitions() {
    use Status::*;
    let allowed = [
        (Submitted, Accepted),
        (Submitted, Rejected),
        (Accepted, Assigned),
        (Assigned, InProgress),
        (Assigned, Answered),
        (InProgress, Answered),
        (Answered, Closed),
        (Answered, InProgress),
    ];
    for &from in Status::ALL {
        for &to in Status::ALL {
            let ok = allowed.contains(&(from, to));
            assert_eq!(from.can_move_to(to), ok, "{from:?} -> {to:?}");
        }
    }
    assert!(!Submitted.can_move_to(Closed) && !Closed.can_move_to(InProgress));
    assert!(!Rejected.can_move_to(Accepted) && !Accepted.can_move_to(Submitted));
    assert!(!InProgress.can_move_to(Closed) && !Answered.can_move_to(Answered));
    let open: Vec<_> = Status::ALL.iter().filter(|s| s.is_open()).collect();
    assert_eq!(
        open,
        [&Submitted, &Accepted, &Assigned, &InProgress, &Answered]
    );
}

#[test]
fn stored_names_and_labels() {
    for &s in Status::ALL {
        assert_eq!(Status::try_from(s.as_str().to_string()), Ok(s));
        assert_eq!(s.label_key(), format!("petitions.status_{}", s.as_str()));
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
    assert_eq!(Status::InProgress.as_str(), "in_progress");
    assert_eq!(Status::parse("open"), None);
    for &k in PetitionKind::ALL {
        assert_eq!(PetitionKind::parse(k.as_str()), Some(k));
        assert_eq!(k.label_key(), format!("petitions.kind_{}", k.as_str()));
    }
    for &v in Visibility::ALL {
        assert_eq!(Visibility::parse(v.as_str()), Some(v));
        let label = format!("petitions.visibility_{}", v.as_str());
        assert_eq!(v.label_key(), label);
    }
}

fn key<T: std::fmt::Debug>(r: Result<T, AppError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.field().unwrap().into(), e.message_key().into())
}

#[test]
fn titles_are_normalised_and_checked() {
    let t = |s: &str| PetitionTitle::parse(s).map(|t| t.as_str().to_string());
    let k = |s: &str| key(t(s)).1;
    assert_eq!(t("  Sửa đe\u{0300}n đường ").unwrap(), "Sửa đèn đường");
    assert!(t(&"ả".repeat(150)).is_ok());
    let short = ("title".into(), "petitions.title_too_short".into());
    assert_eq!(key(t("Sửa đèn")), short);
    assert_eq!(k(&"ả".repeat(151)), "petitions.title_too_long");
    assert_eq!(k("Sửa đèn\nđường"), "petitions.title_invalid");
}

#[test]
fn bodies_are_normalised_and_checked() {
    let b = |s: &str| PetitionBody::parse(s).map(|b| b.as_str().to_string());
    let k = |s: &str| key(b(s)).1;
    let text = " Đèn đường hỏng hai tuần.\r\nXin sửa gấp.\r ";
    assert_eq!(b(text).unwrap(), "Đèn đường hỏng hai tuần.\nXin sửa gấp.");
    assert!(b(&"ư".repeat(5000)).is_ok());
    let short = ("body".into(), "petitions.body_too_short".into());
    assert_eq!(key(b("Đèn hỏng.")), short);
    assert_eq!(k(&"a".repeat(5001)), "petitions.body_too_long");
    assert_eq!(
        k("Đèn đường hỏng hai tuần,\txin sửa gấp."),
        "petitions.body_invalid"
    );
}

#[test]
fn search_keys_fold_vietnamese() {
    assert_eq!(search_key("Đường  Lê Duẩn"), "duong le duan");
    assert_eq!(search_key("Quảng Trị"), "quang tri");
    assert_eq!(search_key("nước"), "nuoc");
    assert_eq!(search_key(" Thành phố\tĐông Hà\n"), "thanh pho dong ha");
    assert_eq!(search_key("Nguye\u{0302}\u{0303}n ĐỨC"), "nguyen duc");
    assert!(search_key("Sửa Đường Lê Duẩn").contains(&search_key("ĐƯỜNG")));
    assert!(search_key("Sửa Đường Lê Duẩn").contains(&search_key("duong")));
}
