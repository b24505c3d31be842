//! Overwrites memory that held a secret. Volatile writes cannot be optimised away; writing
//! whole words keeps a 1 KiB token's wipe at a few nanoseconds rather than one per byte.

use std::sync::atomic::{compiler_fence, Ordering};

pub(crate) fn wipe(bytes: &mut [u8]) {
    // SAFETY: u128 has no invalid bit patterns, and align_to_mut gives aligned words.
    let (head, words, tail) = unsafe { bytes.align_to_mut::<u128>() };
    for byte in head.iter_mut().chain(tail.iter_mut()) {
        // SAFETY: a valid, exclusive reference.
        unsafe { std::ptr::write_volatile(byte, 0) };
    }
    for word in words {
        // SAFETY: a valid, exclusive, aligned reference.
        unsafe { std::ptr::write_volatile(word, 0) };
    }
    compiler_fence(Ordering::SeqCst);
}

/// Wipes a string's whole buffer, spare capacity included, and leaves it empty.
pub(crate) fn wipe_string(s: &mut String) {
    // SAFETY: all zeros is valid UTF-8, and the length is set to 0 right after.
    let buffer = unsafe { s.as_mut_vec() };
    let capacity = buffer.capacity();
    // SAFETY: the allocation is `capacity` bytes long and u8 needs no initialisation.
    let all = unsafe { std::slice::from_raw_parts_mut(buffer.as_mut_ptr(), capacity) };
    wipe(all);
    buffer.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wipes_every_byte_whatever_the_alignment() {
        let mut bytes = [0xAAu8; 37];
        wipe(&mut bytes[3..]);
        assert!(bytes[..3].iter().all(|&b| b == 0xAA));
        assert!(bytes[3..].iter().all(|&b| b == 0));
    }
}
