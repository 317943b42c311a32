use std::marker::PhantomData;

use channel_model::Validate;

#[derive(Clone, Validate)]
struct Leaf {
    #[validate(max_length = 3)]
    name: String,
}

// The type's own impl would be needed to prove `Vec<Node<T>>: Validate`: the derive bounds the
// parameter (`T: Validate`), as serde does.
#[derive(Validate)]
struct Node<T> {
    #[validate(nested)]
    value: T,
    #[validate(nested)]
    children: Vec<Node<T>>,
    #[validate(each(nested))]
    more: Vec<Box<Node<T>>>,
}

#[derive(Validate)]
enum Tree<T> {
    Leaf(#[validate(nested)] T),
    Branch(#[validate(nested)] Vec<Tree<T>>),
}

// A field that validates whatever `T` is: `bound` replaces the inferred `T: Validate`.
#[derive(Validate)]
struct Tagged<T> {
    #[validate(required)]
    tag: String,
    marker: PhantomData<T>,
}

#[derive(Validate)]
#[validate(bound = "")]
struct Envelope<T> {
    #[validate(nested)]
    tagged: Tagged<T>,
}

#[derive(Validate)]
#[validate(bound = "T: Validate + Clone")]
struct Explicit<T> {
    #[validate(nested)]
    items: Vec<T>,
}

fn leaf(name: &str) -> Leaf {
    Leaf { name: name.into() }
}

fn main() {
    let node = Node {
        value: leaf("ok"),
        children: vec![Node {
            value: leaf("long"),
            children: Vec::new(),
            more: vec![Box::new(Node {
                value: leaf("longer"),
                children: Vec::new(),
                more: Vec::new(),
            })],
        }],
        more: Vec::new(),
    };
    assert_eq!(
        node.validate().unwrap_err().to_string(),
        "/children/0/value/name: must be at most 3 characters (got 4)\n\
         /children/0/more/0/value/name: must be at most 3 characters (got 6)"
    );
    let tree = Tree::Branch(vec![Tree::Leaf(leaf("abc")), Tree::Leaf(leaf("abcd"))]);
    assert_eq!(
        tree.validate().unwrap_err().to_string(),
        "/Branch/1/Leaf/name: must be at most 3 characters (got 4)"
    );
    // `u32` does not implement `Validate`: only `bound = ""` lets this compile.
    let envelope: Envelope<u32> = Envelope {
        tagged: Tagged {
            tag: String::new(),
            marker: PhantomData,
        },
    };
    assert_eq!(
        envelope.validate().unwrap_err().to_string(),
        "/tagged/tag: is required and must not be empty"
    );
    assert!(Explicit { items: vec![leaf("a")] }.validate().is_ok());
}
