print("sabaq")
