// Stores of the operations area (queries moved out of the API's services).
export {};
