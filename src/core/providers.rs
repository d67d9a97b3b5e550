//! Other providers key shapes. STUB.
