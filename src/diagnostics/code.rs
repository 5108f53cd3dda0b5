//! Every diagnostic code, named.
