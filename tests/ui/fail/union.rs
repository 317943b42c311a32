use channel_model::Validate;

#[derive(Validate)]
union Id {
    number: u64,
    bytes: [u8; 8],
}

fn main() {}
