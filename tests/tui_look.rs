mod common;
use crossterm::event::KeyCode;

#[test]
fn look() {
    let mut h = common::fixture(120, 40);
    println!("{}", h.screen());
    h.key(KeyCode::Enter).keys("jj");
    println!("{}", h.screen());
    h.keys("/soffiantini");
    println!("{}", h.screen());
    h.key(KeyCode::Enter);
    println!("{}", h.screen());
    h.key(KeyCode::Esc).keys("c");
    println!("{}", h.screen());
    h.keys("osterb");
    println!("{}", h.screen());
    h.key(KeyCode::Esc).keys("t");
    println!("{}", h.screen());
    let mut h = common::fixture(80, 24);
    h.keys("?");
    println!("{}", h.screen());
}
