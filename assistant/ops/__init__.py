"""Operations written once over typed values, whatever table the values came from."""
