// Stores of the people area (queries moved out of the API's services).
export {};
