new file
