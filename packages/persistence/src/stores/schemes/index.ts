// Stores of the schemes area (queries moved out of the API's services).
export {};
