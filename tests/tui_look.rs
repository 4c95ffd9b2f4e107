mod common;
use common::Harness;
use crossterm::event::KeyCode;

#[test]
fn look() {
    let mut h = Harness::new(120, 40);
    println!("{}", h.screen());
    h.keys("/soffiantini");
    println!("{}", h.screen());
    h.key(KeyCode::Enter);
    println!("{}", h.screen());
    h.key(KeyCode::Esc).keys("?");
    println!("{}", h.screen());
    let mut h = Harness::new(80, 24);
    println!("{}", h.screen());
    h.keys("?");
    println!("{}", h.screen());
}
