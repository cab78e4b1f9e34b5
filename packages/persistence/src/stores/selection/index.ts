// Stores of the selection area (queries moved out of the API's services).
export {};
