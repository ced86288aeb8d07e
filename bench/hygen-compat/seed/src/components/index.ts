// The components
export {}
