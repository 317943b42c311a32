use channel_model::Validate;

#[derive(Validate)]
struct Cell {
    #[validate(trimmed)]
    text: String,
}

#[derive(Validate)]
struct Table {
    #[validate(nested)]
    header: Vec<Cell>,
    #[validate(max_length = 2, each(nested))]
    rows: Vec<Vec<Cell>>,
}

fn cell(text: &str) -> Cell {
    Cell { text: text.into() }
}

fn main() {
    let table = Table {
        header: vec![cell("a"), cell("b ")],
        rows: vec![vec![cell("1"), cell("2")], vec![cell(" 3"), cell("4")]],
    };
    let paths: Vec<String> = table
        .validate()
        .unwrap_err()
        .iter()
        .map(|violation| violation.path().to_string())
        .collect();
    assert_eq!(paths, ["/header/1/text", "/rows/1/0/text"]);
}
