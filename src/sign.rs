//! PAdES signing and verification, PKCS#12 and PKCS#11 key sources, and the visible appearances
//! of Nghị định 30. Owned by the signing work (issue 5).
