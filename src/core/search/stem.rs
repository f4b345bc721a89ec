//! A light stemmer for lowercase ASCII words: the Porter algorithm (M. F. Porter, 1980) without its step 4.
//!
//! Follows the reference C implementation step by step, so that `serializer`, `serializers`, `serializing` and
//! `serialization` meet at `serializ`, and `caching` and `cache` at `cach`. Step 4 strips derivational endings
//! (`-ic`, `-ate`, `-er`, `-ment`, …) and would make `generic` and `generator` one word, or `custom` and
//! `customer`; in a bank about code that costs more than it finds.

/// The stem of a lowercase ASCII word; words of one or two letters are returned as they are.
pub fn stem(word: &str) -> String {
    porter(word, &mut Vec::new()).to_string()
}

/// The stem of `word`, written into `scratch`; `word` must be lowercase ASCII.
pub(crate) fn porter<'a>(word: &'a str, scratch: &'a mut Vec<u8>) -> &'a str {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    scratch.clear();
    scratch.extend_from_slice(word.as_bytes());
    let mut p = Porter {
        b: scratch,
        k: word.len() as isize - 1,
        j: 0,
    };
    p.step1ab();
    if p.k > 0 {
        p.step1c();
        p.step2();
        p.step3();
        p.step5();
    }
    let end = (p.k + 1) as usize;
    scratch.truncate(end);
    // Only ASCII letters were ever written.
    std::str::from_utf8(scratch).unwrap_or(word)
}

struct Porter<'a> {
    b: &'a mut Vec<u8>,
    /// Index of the last letter of the word as it stands.
    k: isize,
    /// Index of the last letter of the stem before a matched suffix.
    j: isize,
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
];

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

impl Porter<'_> {
    fn at(&self, i: isize) -> u8 {
        self.b[i as usize]
    }

    fn cons(&self, i: isize) -> bool {
        match self.at(i) {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !self.cons(i - 1),
            _ => true,
        }
    }

    /// The first position from `i` up to `j` that is a consonant (`cons`) or a vowel (`!cons`).
    fn seek(&self, mut i: isize, cons: bool) -> Option<isize> {
        while i <= self.j {
            if self.cons(i) == cons {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The number of vowel-consonant sequences in `b[0..=j]`.
    fn m(&self) -> usize {
        let Some(vowel) = self.seek(0, false) else {
            return 0;
        };
        let mut i = vowel + 1;
        let mut n = 0;
        loop {
            let Some(consonant) = self.seek(i, true) else {
                return n;
            };
            n += 1;
            let Some(vowel) = self.seek(consonant + 1, false) else {
                return n;
            };
            i = vowel + 1;
        }
    }

    fn vowel_in_stem(&self) -> bool {
        (0..=self.j).any(|i| !self.cons(i))
    }

    fn double_cons(&self, j: isize) -> bool {
        j >= 1 && self.at(j) == self.at(j - 1) && self.cons(j)
    }

    fn cvc(&self, i: isize) -> bool {
        if i < 2 || !self.cons(i) || self.cons(i - 1) || !self.cons(i - 2) {
            return false;
        }
        !matches!(self.at(i), b'w' | b'x' | b'y')
    }

    fn ends(&mut self, s: &str) -> bool {
        let len = s.len() as isize;
        if len > self.k + 1 {
            return false;
        }
        let from = (self.k - len + 1) as usize;
        if &self.b[from..=self.k as usize] != s.as_bytes() {
            return false;
        }
        self.j = self.k - len;
        true
    }

    fn set_k(&mut self, k: isize) {
        self.k = k;
        self.b.truncate((k + 1) as usize);
    }

    fn set_to(&mut self, s: &str) {
        self.b.truncate((self.j + 1) as usize);
        self.b.extend_from_slice(s.as_bytes());
        self.k = self.j + s.len() as isize;
    }

    fn replace_if_m(&mut self, s: &str) {
        if self.m() > 0 {
            self.set_to(s);
        }
    }

    fn step1ab(&mut self) {
        if self.at(self.k) == b's' {
            if self.ends("sses") {
                self.set_k(self.k - 2);
            } else if self.ends("ies") {
                self.set_to("i");
            } else if self.at(self.k - 1) != b's' {
                self.set_k(self.k - 1);
            }
        }
        if self.ends("eed") {
            if self.m() > 0 {
                self.set_k(self.k - 1);
            }
        } else if (self.ends("ed") || self.ends("ing")) && self.vowel_in_stem() {
            self.set_k(self.j);
            if self.ends("at") {
                self.set_to("ate");
            } else if self.ends("bl") {
                self.set_to("ble");
            } else if self.ends("iz") {
                self.set_to("ize");
            } else if self.double_cons(self.k) {
                if !matches!(self.at(self.k), b'l' | b's' | b'z') {
                    self.set_k(self.k - 1);
                }
            } else if self.m() == 1 && self.cvc(self.k) {
                self.j = self.k;
                self.set_to("e");
            }
        }
    }

    fn step1c(&mut self) {
        if self.ends("y") && self.vowel_in_stem() {
            let k = self.k as usize;
            self.b[k] = b'i';
        }
    }

    fn step2(&mut self) {
        for &(suffix, with) in STEP2 {
            if self.ends(suffix) {
                self.replace_if_m(with);
                return;
            }
        }
    }

    fn step3(&mut self) {
        for &(suffix, with) in STEP3 {
            if self.ends(suffix) {
                self.replace_if_m(with);
                return;
            }
        }
    }

    fn step5(&mut self) {
        self.j = self.k;
        if self.at(self.k) == b'e' {
            let a = self.m();
            if a > 1 || (a == 1 && !self.cvc(self.k - 1)) {
                self.set_k(self.k - 1);
            }
        }
        if self.at(self.k) == b'l' && self.double_cons(self.k) && self.m() > 1 {
            self.set_k(self.k - 1);
        }
    }
}
